export function renderHcl(_stack: Readonly<Record<string, unknown>>): string { throw new Error("renderHcl: not written yet"); }
