// Who may assume a role: wildcard subjects, regular expressions where IAM reads globs, shared roles.
import { hasGlob } from "../../iam/glob";
import { toArray } from "../../iam/policy";
import { RULE_ID } from "../../config/rule-ids";
import type { Finding, LintRule } from "../types";
import { allStatementSites, elementValues, roleLabel, roleSites, subjectSites } from "../walk";


/**
 * Text that only makes sense as a regular expression: alternation in parentheses, a character class,
 * `.*`/`.+`, an escape such as `\d`, or anchors. IAM's StringLike and ArnLike know only `*` and `?`.
 */
const REGEX_SYNTAX = /\([^)]*\|[^)]*\)|\[[^\]]+\]|\.[*+]|\\[dDwWsS.]|^\^|\$$/;

export const wildcardSubject: LintRule = {
  id: RULE_ID.wildcardSubject,
  name: "wildcard-subject",
  severity: "error",
  summary: "A ServiceAccount name or namespace is a wildcard, but the entry does not say allowWildcard: true.",
  help:
    "A `*` or `?` in `name` or `namespace` becomes a StringLike condition that admits every matching ServiceAccount. " +
    "Name the ServiceAccount exactly, or set `allowWildcard: true` on the entry if the wildcard is intended. " +
    "The schema refuses this, so it cannot be suppressed.",
};

export const regexInGlob: LintRule = {
  id: RULE_ID.regexInGlob,
  name: "regex-in-glob",
  severity: "error",
  summary: "A regular expression is written where IAM matches a glob (only * and ?), so it matches only itself.",
  help:
    "IAM's StringLike and ArnLike, and the Resource element, know only `*` and `?`; `(api|web)`, `[0-9]`, `.*` or `^...$` " +
    "match those characters literally. List the values instead (one entry per ServiceAccount, or several Resource ARNs).",
  check: (context) => {
    const findings: Finding[] = [];
    for (const site of allStatementSites(context)) {
      for (const element of ["Resource", "NotResource"] as const) {
        for (const { value, path } of elementValues(site, element)) {
          if (REGEX_SYNTAX.test(value)) findings.push({ path, message: `${element} "${value}" looks like a regular expression; IAM matches it as a glob (only * and ?), so it matches only itself` });
        }
      }
      for (const [operator, block] of Object.entries(site.statement.Condition ?? {})) {
        if (!/(StringLike|StringNotLike|ArnLike|ArnNotLike|ArnEquals|ArnNotEquals)/.test(operator)) continue;
        for (const [key, values] of Object.entries(block)) {
          const patterns = typeof values === "boolean" ? [] : toArray(values);
          for (const value of patterns.filter((v) => REGEX_SYNTAX.test(v))) {
            const path = site.userWritten ? [...site.path, "Condition", operator, key] : site.path;
            findings.push({ path, message: `${operator} value "${value}" of ${key} looks like a regular expression; ${operator} is a glob (only * and ?), so it matches only itself` });
          }
        }
      }
    }
    return findings;
  },
};

export const namespaceWildcard: LintRule = {
  id: RULE_ID.namespaceWildcard,
  name: "shared-across-namespaces",
  severity: "warning",
  summary: "One role is shared across namespaces: its trust admits a ServiceAccount in every namespace matching a wildcard.",
  help:
    "A wildcard namespace lets a ServiceAccount of that name in any matching namespace assume the role, including namespaces " +
    "created later by anyone allowed to create namespaces. Prefer one entry per namespace; suppress with a reason if the sharing is deliberate.",
  check: (context) =>
    roleSites(context).flatMap(({ role }) =>
      subjectSites(role)
        .filter(({ subject }) => hasGlob(subject.namespace))
        .map(({ subject, pathOf }) => ({
          path: pathOf("namespace"),
          message: `${roleLabel(role)} is shared by every namespace matching "${subject.namespace}": a ServiceAccount named "${subject.name}" in any of them (also one created later) can assume it`,
        })),
    ),
};

/** `.*` or `.?` in a glob subject: in a regular expression "anything"; in IAM's glob a literal '.' first. */
const REGEX_LIKE_WILDCARD = /\.[*?]/;

export const regexLikeWildcard: LintRule = {
  id: RULE_ID.regexLikeWildcard,
  name: "regex-like-wildcard",
  severity: "warning",
  summary: "A wildcard ServiceAccount name or namespace reads like a regular expression (`api.*`).",
  help:
    "IAM's StringLike knows only `*` and `?`, so `api.*` matches names that start with `api.` (a literal dot), not every name starting with `api`. " +
    "Write `api*` for that, or suppress with a reason if the dot is meant.",
  check: (context) =>
    roleSites(context).flatMap(({ role }) =>
      subjectSites(role).flatMap(({ subject, pathOf }) =>
        (["namespace", "name"] as const)
          .filter((key) => REGEX_LIKE_WILDCARD.test(subject[key]))
          .map((key) => ({
            path: pathOf(key),
            message: `"${subject[key]}" reads like a regular expression; as an IAM glob it matches only ${key}s with a literal "." there (did you mean "${subject[key].replace(/\.([*?])/g, "$1")}"?)`,
          })),
      ),
    ),
};
