/**
 * What inline buttons carry (`callback_data`, at most 64 bytes) and how it is read back. The worker
 * puts buttons on its messages, the api answers the taps: both use this one codec.
 */
export type ButtonAction =
  /** Start the example prompt number `index` of the user's language (/start). */
  | { action: 'example'; index: number }
  /** Run the job again: regenerate a result, or retry a failure. */
  | { action: 'again'; jobId: string }
  /** Send the job's version of the site as a .zip. */
  | { action: 'zip'; jobId: string }
  /** Publish version `version` of the job's site again, as its newest version. */
  | { action: 'restore'; jobId: string; version: number }
  /** Ask whether to delete the job's site (the keyboard turns into Yes / No). */
  | { action: 'delete'; jobId: string }
  /** Yes: delete the job's site for good. */
  | { action: 'confirmDelete'; jobId: string }
  /** No: keep the job's site (the result's keyboard comes back). */
  | { action: 'keep'; jobId: string }
  /** Show page `page` (0-based) of /sites. */
  | { action: 'sites'; page: number };

const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const count = '(0|[1-9]\\d{0,5})';

export function buttonData(action: ButtonAction): string {
  switch (action.action) {
    case 'example':
      return `ex:${action.index}`;
    case 'again':
      return `again:${action.jobId}`;
    case 'zip':
      return `zip:${action.jobId}`;
    case 'restore':
      return `restore:${action.jobId}:${action.version}`;
    case 'delete':
      return `delete:${action.jobId}`;
    case 'confirmDelete':
      return `delete!:${action.jobId}`;
    case 'keep':
      return `keep:${action.jobId}`;
    case 'sites':
      return `sites:${action.page}`;
  }
}

const patterns: [RegExp, (m: RegExpExecArray) => ButtonAction][] = [
  [new RegExp(`^ex:${count}$`), (m) => ({ action: 'example', index: Number(m[1]) })],
  [new RegExp(`^again:(${uuid})$`), (m) => ({ action: 'again', jobId: m[1]! })],
  [new RegExp(`^zip:(${uuid})$`), (m) => ({ action: 'zip', jobId: m[1]! })],
  [new RegExp(`^restore:(${uuid}):${count}$`), (m) => ({ action: 'restore', jobId: m[1]!, version: Number(m[2]) })],
  [new RegExp(`^delete:(${uuid})$`), (m) => ({ action: 'delete', jobId: m[1]! })],
  [new RegExp(`^delete!:(${uuid})$`), (m) => ({ action: 'confirmDelete', jobId: m[1]! })],
  [new RegExp(`^keep:(${uuid})$`), (m) => ({ action: 'keep', jobId: m[1]! })],
  [new RegExp(`^sites:${count}$`), (m) => ({ action: 'sites', page: Number(m[1]) })],
];

/** The action a tapped button asks for, or undefined for data this bot never sent (or an old format). */
export function parseButtonData(data: string): ButtonAction | undefined {
  for (const [pattern, read] of patterns) {
    const match = pattern.exec(data);
    if (match) return read(match);
  }
  return undefined;
}
