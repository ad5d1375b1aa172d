import type { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

/** Prompts that start the two common workflows, each naming the tools to call in order. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'triage_alert',
    { title: 'Triage an alert', description: 'Walks a model through triaging one alert: detail, indicator verdicts, related case, disposition.', argsSchema: z.object({ alert_id: z.string().min(1).describe('the alert id from list_alerts') }) },
    ({ alert_id }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: [
              `Triage alert ${alert_id}.`,
              '1. Call get_alert for its detail.',
              '2. Call enrich_indicator for each indicator and note the malicious ones.',
              '3. If it belongs to a case, call get_case_detail for that case.',
              '4. Say whether it is a true positive, a false positive or needs escalation, and why, citing the evidence.',
            ].join('\n'),
          },
        },
      ],
    }),
  );
  server.registerPrompt(
    'summarize_case',
    {
      title: 'Summarize a case',
      description: 'A shift-handover summary of one case.',
      argsSchema: z.object({ case_id: z.string().min(1).describe('case id or number, e.g. INC-007'), audience: z.enum(['analyst', 'manager']).optional() }),
    },
    ({ case_id, audience }) => ({
      messages: [
        {
          role: 'user',
          content: {
            type: 'text',
            text: `Call get_case_detail for ${case_id} and write a ${audience === 'manager' ? 'five-line, jargon-free' : 'technical'} handover: what happened, what was done, what is open, who owns it.`,
          },
        },
      ],
    }),
  );
}
