/**
 * Which indicator values never leave the network: enrichment providers are not asked about them
 * (Calseta answers `_validation: skipped`), and generated data uses 10.x for internal hosts.
 */

const PRIVATE_IPV4: ReadonlyArray<readonly [number, number, number]> = [
  // [first octet, second octet low, second octet high]
  [10, 0, 255],
  [127, 0, 255],
  [169, 254, 254],
  [172, 16, 31],
  [192, 168, 168],
];

export function isPrivateIp(value: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(value);
  if (v4) {
    const first = Number(v4[1]);
    const second = Number(v4[2]);
    return PRIVATE_IPV4.some(([a, low, high]) => first === a && second >= low && second <= high);
  }
  const v6 = value.toLowerCase();
  return v6 === '::1' || /^fe[89ab][0-9a-f]:/.test(v6) || /^f[cd][0-9a-f]{2}:/.test(v6);
}

/** Names that only resolve inside an organisation (RFC 6762 `.local`, common private suffixes). */
const INTERNAL_SUFFIXES = ['.local', '.internal', '.intranet', '.lan', '.corp', '.home.arpa', '.localdomain', '.corp.example.com'];

export function isInternalDomain(value: string): boolean {
  const name = value.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || !name.includes('.') || INTERNAL_SUFFIXES.some((suffix) => name.endsWith(suffix));
}
