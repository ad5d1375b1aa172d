import type { Case, CaseNote, CaseStatus, Severity } from '../../dataset/types.js';
import type { SandboxContext } from '../../server/context.js';

/** The case fields MCP's `update_case` may change. */
export interface CasePatch {
  status?: CaseStatus;
  severity?: Severity;
  assignee?: string;
}

/** A case as MCP tools see it: the seeded record with what MCP calls wrote over it. */
export type LiveCase = Case;

/**
 * What the MCP face writes on top of the shared (immutable) dataset: case field changes, comments
 * added and notes deleted. In memory for the sandbox's lifetime, shared by every session.
 */
export class McpState {
  private readonly patches = new Map<string, CasePatch & { updatedAtMs: number }>();
  private readonly addedNotes = new Map<string, CaseNote[]>();
  private readonly deletedNotes = new Set<string>();

  constructor(
    private readonly ctx: SandboxContext,
    readonly tenantId: string,
  ) {}

  /** The tenant's cases, newest first (ties by case number), each with MCP's changes applied. */
  cases(): LiveCase[] {
    return this.ctx.dataset.cases
      .filter((c) => c.tenantId === this.tenantId)
      .map((c) => this.live(c))
      .sort((a, b) => b.createdAtMs - a.createdAtMs || a.caseNumber.localeCompare(b.caseNumber));
  }

  /** A case by UUID or by case number (`INC-007`, any letter case). */
  findCase(ref: string): LiveCase | undefined {
    const wanted = ref.trim().toLowerCase();
    const found = this.ctx.dataset.cases.find((c) => c.tenantId === this.tenantId && (c.id === wanted || c.caseNumber.toLowerCase() === wanted));
    return found && this.live(found);
  }

  updateCase(id: string, patch: CasePatch): void {
    const previous = this.patches.get(id);
    this.patches.set(id, { ...previous, ...patch, updatedAtMs: this.ctx.clock.nowMs() });
  }

  addNote(caseId: string, author: string, body: string): CaseNote {
    const note: CaseNote = { id: this.ctx.ids.uuid(), atMs: this.ctx.clock.nowMs(), author, body, isSystem: false };
    this.addedNotes.set(caseId, [...(this.addedNotes.get(caseId) ?? []), note]);
    return note;
  }

  deleteNote(noteId: string): void {
    this.deletedNotes.add(noteId);
  }

  private live(c: Case): LiveCase {
    const patch = this.patches.get(c.id);
    const notes = [...c.notes, ...(this.addedNotes.get(c.id) ?? [])].filter((n) => !this.deletedNotes.has(n.id));
    const touched = Math.max(patch?.updatedAtMs ?? 0, ...notes.map((n) => n.atMs));
    return {
      ...c,
      status: patch?.status ?? c.status,
      severity: patch?.severity ?? c.severity,
      assignee: patch?.assignee ?? c.assignee,
      notes,
      updatedAtMs: Math.max(c.updatedAtMs, touched),
    };
  }
}
