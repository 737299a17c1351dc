import { escapeHtml, excerpt, megabytes, resultMessage, sectionList } from './format.ts';

/** A site in /sites: its latest version. */
export interface SiteLine {
  title: string;
  url: string;
  version: number;
  /** Whole days since the latest version was published. */
  ageDays: number;
}

/** What a finished job's message says about its site. */
export interface ResultFacts {
  title: string;
  url: string;
  summary: string;
  version: number;
  /** Set when this version copies an earlier one (a restore). */
  restoredFrom: number | null;
  /** Every version of the site, oldest first, with its own link. */
  versions: readonly { version: number; url: string }[];
}

export interface UsageFacts {
  today: { jobs: number; tokens: number };
  month: { jobs: number; tokens: number };
  /** What is left now; undefined for an admin (no quota). */
  left?: { hour: number | null; day: number | null };
  /** What the user's sites hold, of QUOTA_STORAGE_MB (in bytes); undefined when storage is not limited. */
  storage?: { usedBytes: number; capBytes: number };
}

/** Why a job failed, in plain words (never internals or vendor names). Keys are stored with the job. */
export const failureReasons = {
  unavailable: 'The site generator is not answering right now.',
  misconfigured: "The site generator is not set up correctly. Please let the bot's operator know.",
  rejected: 'The site generator could not handle this request. Try describing your site differently.',
  refused: 'The site generator declined this request. Try describing a different kind of site.',
  tooLong: 'The site you asked for is too big to build in one go. Try asking for fewer sections or a simpler page.',
  invalidAnswer: 'The generator returned something that is not a usable web page.',
  unsafe: 'The generated page did not pass our safety checks.',
  tooBig:
    'The generated site is too big or holds files we cannot publish (at most 20 files and 2 MB, images included).',
  tooBigOnceBuilt:
    'The generated site came out larger than the 2 MB a site may have once its images and styles are built into its pages, so it was not published. Try asking for a simpler site with fewer or smaller images.',
  breaksRules:
    'The generated site broke our publishing rules (only pages, stylesheets, images and text files; at most 20 files and 2 MB).',
  versionGone: 'That version of the site is no longer available.',
  storageFull:
    'Your sites already take up all the storage one person may use, so this one was not published. Delete a site you no longer need to make room (sites are also removed when they expire), then ask again.',
  internal: 'Something went wrong on our side.',
};
export type FailureReason = keyof typeof failureReasons;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * Everything the bot says in English, the default language; other languages (./ko.ts) have the
 * same keys. Texts are HTML (parse_mode HTML): every value from a user or a model is escaped here.
 */
export const en = {
  commands: [
    { command: 'new', description: 'Build a website from a description' },
    { command: 'sites', description: 'Your recent websites' },
    { command: 'cancel', description: 'Stop the site being built' },
    { command: 'usage', description: 'What you used and what is left' },
    { command: 'help', description: 'How this bot works' },
  ],
  /**
   * The bot's profile, plain text, shown before a user presses Start: `description` in the empty
   * chat (at most 512 characters), `shortDescription` on the bot's page and when it is shared (at
   * most 120). Set by `ops webhook set` and at the start of long polling.
   */
  profile: {
    description:
      'Describe a website in one message, like "a landing page for a cosy coffee shop in Lisbon", and I build it: an AI writes the page, every page is checked for safety, and about a minute later you get a link to your new site. Reply to my answer to change it.',
    shortDescription: 'I turn a chat message into a small website and send you its link in about a minute.',
  },
  examples: [
    {
      label: '☕ Coffee shop',
      prompt: 'A landing page for a cosy coffee shop in Lisbon: menu, opening hours and a map section',
    },
    {
      label: '📷 Photographer',
      prompt: 'A portfolio for a wedding photographer with a gallery, prices and a contact section',
    },
    {
      label: '🧘 Yoga studio',
      prompt: 'A website for a yoga studio: class schedule, teachers, prices and a first-class-free offer',
    },
  ],
  welcome: () =>
    [
      '<b>Hi! I build small websites from a description.</b>',
      '',
      'Send me a message like <i>a landing page for a coffee shop in Lisbon</i> and I will reply with a link to your new site in about a minute.',
      'Reply to my answer to change it (<i>make the header dark blue</i>).',
      '',
      'Or tap an example:',
    ].join('\n'),
  help: () =>
    [
      '<b>How it works</b>',
      'Describe the website you want in one message. I build it and send you a link.',
      'Reply to a finished site to change it: every change is a new version, and you can go back to any earlier one.',
      '',
      '/new &lt;description&gt; — build a site (in groups, this is how to ask)',
      '/sites — your recent sites (in a group: the ones made there)',
      '/cancel — stop the site being built',
      '/usage — what you used and what is left',
      '',
      'In a group, I answer /new, replies to my messages and messages that mention me.',
    ].join('\n'),
  groupHello: (username: string) =>
    `Hi! I build small websites. Ask with <code>/new a landing page for a bakery</code>, or mention @${escapeHtml(username)} with a description.`,
  usage: ({ today, month, left, storage }: UsageFacts) =>
    [
      '<b>Your usage</b>',
      `Today: ${plural(today.jobs, 'site', 'sites')}, ${plural(today.tokens, 'AI token', 'AI tokens')}`,
      `This month: ${plural(month.jobs, 'site', 'sites')}, ${plural(month.tokens, 'AI token', 'AI tokens')}`,
      left === undefined
        ? 'No limits apply to you.'
        : `Left: ${left.hour === null ? 'no hourly limit' : `${plural(left.hour, 'site', 'sites')} this hour`}, ${left.day === null ? 'no daily limit' : `${plural(left.day, 'site', 'sites')} in the next 24 hours`}.`,
      ...(storage
        ? [`Storage: your sites hold ${megabytes(storage.usedBytes)} MB of ${megabytes(storage.capBytes)} MB.`]
        : []),
    ].join('\n'),
  banned: () => 'Sorry, this bot is not available to you.',
  slowDown: (perMinute: number) =>
    `That is a lot at once: I take at most ${plural(perMinute, 'message or tap', 'messages and taps')} a minute from one chat. Please wait a moment, then try again.`,
  onlyText: () => 'I understand text only: describe the website you want in one message, and I will build it.',
  promptTooLong: (max: number, length: number) =>
    `That description is ${length.toLocaleString('en-US')} characters long; please keep it under ${max.toLocaleString('en-US')} characters and send it again.`,
  emptyPrompt: () => 'Describe the website you want, for example: <code>/new a landing page for a yoga studio</code>.',
  unknownCommand: () => 'I do not know that command. /help shows what I can do.',
  editIgnored: () =>
    'I build from new messages only, so your edit changes nothing. To change a site, reply to it with what to change.',
  quota: {
    restores: (limit: number, retryInMinutes: number) =>
      `You have restored or regenerated sites ${plural(limit, 'time', 'times')} in the last hour, the most I allow per hour. You can do it again in ${plural(retryInMinutes, 'minute', 'minutes')}.`,
    running: (limit: number) =>
      limit === 1
        ? 'I am still building your previous site. Wait for it to finish, or stop it with /cancel.'
        : `You already have ${limit} sites being built. Wait for one to finish, or stop one with /cancel.`,
    hour: (limit: number, retryInMinutes: number) =>
      `You have asked for ${plural(limit, 'site', 'sites')} in the last hour, the most I can build per hour. You can ask again in ${plural(retryInMinutes, 'minute', 'minutes')}.`,
    day: (limit: number, retryInMinutes: number) =>
      `You have asked for ${plural(limit, 'site', 'sites')} in the last 24 hours, the most I can build per day. You can ask again in ${retryInMinutes < 90 ? plural(retryInMinutes, 'minute', 'minutes') : plural(Math.ceil(retryInMinutes / 60), 'hour', 'hours')}.`,
  },
  status: {
    queued: (position: number) =>
      position <= 1 ? '⏳ Got it! Your site is next in line.' : `⏳ Got it! You are number ${position} in line.`,
    generating: () => '⚙️ Writing your site…',
    /** While the answer streams in: how much is written, and the sections seen so far (model text: escaped). */
    progress: (bytes: number, sections: readonly string[]) => {
      const written = `${Math.max(1, Math.round(bytes / 1024))} KB written`;
      if (sections.length === 0) return `⚙️ Writing your site… ${written}`;
      return `⚙️ Writing your site… ${written}, sections so far: ${sectionList(sections, (rest) => ` and ${rest} more`)}`;
    },
    checking: () => '🔍 Checking the page is safe to publish…',
    publishing: () => '📦 Publishing…',
    restoring: (version: number) => `↩️ Restoring version ${version}…`,
    cancelled: () => '⏹ Stopped.',
    deleting: () => '🗑 Deleting your site…',
  },
  done: (site: ResultFacts) =>
    resultMessage(site, {
      head:
        site.restoredFrom !== null
          ? `↩️ Version ${site.restoredFrom} is back, as version ${site.version}:`
          : site.version > 1
            ? `✅ Version ${site.version} is ready:`
            : '✅ Your site is ready:',
      versions: 'Versions',
      replyHint: 'Reply to this message to change the site.',
    }),
  failed: (reason: FailureReason) => `❌ Sorry, I could not build your site. ${failureReasons[reason]}`,
  failureReasons,
  /** A confirmed 🗑 Delete is done: the site is offline and its storage is free again. */
  deleted: (title: string) =>
    `🗑 Deleted: <b>${escapeHtml(title)}</b>. Its link no longer works, and it no longer takes up your storage.`,
  deleteFailed: () =>
    '❌ Sorry, I could not delete your site. Something went wrong on our side; please try again later.',
  buttons: {
    open: '🌐 Open',
    regenerate: '🔁 Regenerate',
    download: '⬇️ Download .zip',
    retry: '🔁 Try again',
    restore: (version: number) => `↩️ Restore v${version}`,
    delete: '🗑 Delete',
    /** The two buttons a 🗑 Delete tap turns the keyboard into. */
    deleteForGood: '🗑 Delete for good? Yes',
    keep: 'No, keep it',
    newer: '◀ Newer',
    older: 'Older ▶',
  },
  cancel: {
    nothing: () => 'Nothing to stop: you have no site being built.',
    stopped: (prompt: string) => `⏹ Stopped: <i>${escapeHtml(excerpt(prompt))}</i>`,
  },
  /** /sites: in a private chat the user's own sites, in a group (`inGroup`) the sites made there. */
  sites: {
    empty: (inGroup: boolean): string =>
      inGroup
        ? 'No sites have been made in this chat yet. Ask with <code>/new</code> and a description.'
        : 'You have no sites yet. Describe one and I will build it.',
    page: (sites: readonly SiteLine[], page: number, pages: number, inGroup: boolean) =>
      [
        `<b>${inGroup ? 'Sites made in this chat' : 'Your sites'}</b>${pages > 1 ? ` (page ${page} of ${pages})` : ''}`,
        '',
        ...sites.map(
          (s) =>
            `• <a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a> — v${s.version}, ${s.ageDays === 0 ? 'today' : plural(s.ageDays, 'day ago', 'days ago')}`,
        ),
      ].join('\n'),
  },
  download: {
    caption: (title: string, version: number) => `<b>${escapeHtml(title)}</b>, version ${version}`,
    preparing: () => 'Packing your site…',
  },
  /** A button whose site or job is gone (expired, deleted) or belongs to another chat. */
  staleButton: () => 'That site is no longer available.',
  /** A group member asked to change a site someone else made. */
  notYourSite: () => 'Only the person who made this site, or an admin of this group, can change it.',
};

export type Words = typeof en;
