// What makes a catalog complete, checked against the reference (German) one: the same keys, no
// others, and in each text the same {placeholders}. The types catch a missing key at compile time;
// this check also catches placeholders, and every registered catalog passes it in catalog.spec.ts.
export function catalogProblems(reference: object, candidate: object, path = ''): string[] {
  const ref = reference as Record<string, unknown>;
  const cand = candidate as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(ref)) {
    const where = path + key;
    const r = ref[key];
    const c = cand[key];
    if (c === undefined) problems.push(`missing ${where}`);
    else if (typeof r === 'string') {
      if (typeof c !== 'string') problems.push(`not a text: ${where}`);
      else if (placeholders(r) !== placeholders(c))
        problems.push(`placeholders differ: ${where} (${placeholders(r)} ≠ ${placeholders(c)})`);
    } else if (path === '' && key === 'plural') {
      for (const word of Object.keys(r as object)) {
        const forms = (c as Record<string, Record<string, unknown>>)[word];
        if (typeof forms?.other !== 'string') problems.push(`missing ${where}.${word}.other`);
      }
    } else if (typeof c !== 'object' || c === null) problems.push(`not a table: ${where}`);
    else problems.push(...catalogProblems(r as object, c, `${where}.`));
  }
  for (const key of Object.keys(cand)) if (!(key in ref)) problems.push(`unknown key ${path + key}`);
  return problems;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(',');
}
