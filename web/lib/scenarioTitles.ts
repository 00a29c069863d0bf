/**
 * Plain titles for the bundled scenario files, for readers who do not know the file names,
 * and the question each file asks (the first sentence of its description). A scenario file
 * without a title here shows its file name; test/web/scenarioTitles.test.ts checks that every
 * bundled file has one.
 */
export const SCENARIO_TITLES: Readonly<Record<string, string>> = {
  baseline: 'No token pay',
  'baseline-static': 'No token pay, AI frozen',
  'tunguz-100k': '$100k of tokens on a $375k base',
  'cash-freeze': 'Raises paid in tokens',
  'cash-sensitive-region': 'A region where cash matters more',
  complements: 'People and compute as complements',
  'finops-governance': 'Leaderboards, reined in',
  'gpu-shortage': 'A year of compute shortage',
  'huang-half-salary': 'Half of base pay in tokens',
  'portable-credits': 'Unused tokens kept as credit',
  'price-crash': 'Token prices crash',
  'startups-vs-bigtech': 'Startups pay in tokens',
  substitutes: 'Compute replaces people',
  tokenmaxxing: 'Token-use leaderboards',
};

/** The plain title of a scenario file, or its name when it has none. */
export function scenarioTitle(name: string): string {
  return SCENARIO_TITLES[name] ?? name;
}

/** The question a description asks: its first sentence (up to the first "?" or ". "). */
export function scenarioQuestion(description: string): string {
  const q = description.indexOf('?');
  const dot = description.search(/\.\s/);
  const ends = [q, dot].filter((i) => i >= 0);
  return ends.length === 0 ? description : description.slice(0, Math.min(...ends) + 1);
}

/** A slot's legend label ("tunguz-100k · σ 1") with the file name replaced by its title ("$100k of tokens on a $375k base (σ 1)"). */
export function plainLabel(label: string): string {
  const cut = label.indexOf(' · ');
  const name = cut < 0 ? label : label.slice(0, cut);
  return cut < 0 ? scenarioTitle(name) : `${scenarioTitle(name)} (${label.slice(cut + 3)})`;
}
