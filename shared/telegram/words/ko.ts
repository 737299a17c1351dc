import type { FailureReason, Words } from './en.ts';
import { escapeHtml, excerpt, megabytes, resultMessage, sectionList } from './format.ts';

const failureReasons: Record<FailureReason, string> = {
  unavailable: '사이트 생성기가 지금 응답하지 않습니다.',
  misconfigured: '사이트 생성기가 올바르게 설정되어 있지 않습니다. 봇 운영자에게 알려 주세요.',
  rejected: '사이트 생성기가 이 요청을 처리하지 못했습니다. 사이트를 다르게 설명해 보세요.',
  refused: '사이트 생성기가 이 요청을 거절했습니다. 다른 종류의 사이트를 요청해 보세요.',
  tooLong: '요청하신 사이트가 한 번에 만들기에는 너무 큽니다. 섹션 수를 줄이거나 더 간단한 페이지를 요청해 보세요.',
  invalidAnswer: '생성기가 사용할 수 있는 웹 페이지가 아닌 것을 돌려주었습니다.',
  unsafe: '생성된 페이지가 안전 검사를 통과하지 못했습니다.',
  tooBig: '생성된 사이트가 너무 크거나 게시할 수 없는 파일을 담고 있습니다 (최대 파일 20개, 이미지 포함 2 MB).',
  tooBigOnceBuilt:
    '생성된 사이트는 이미지와 스타일을 페이지에 넣고 나면 사이트 한 개의 최대 크기인 2 MB를 넘어서 게시하지 않았습니다. 이미지를 더 적게 또는 더 작게 해서 더 간단한 사이트를 요청해 보세요.',
  breaksRules:
    '생성된 사이트가 게시 규칙을 어겼습니다 (페이지, 스타일시트, 이미지, 텍스트 파일만; 최대 파일 20개, 2 MB).',
  versionGone: '그 버전의 사이트는 더 이상 없습니다.',
  storageFull:
    '만드신 사이트들이 한 사람이 쓸 수 있는 저장 공간을 모두 차지하고 있어서 이 사이트는 게시하지 않았습니다. 더 이상 필요 없는 사이트를 삭제해 공간을 만든 뒤 다시 요청해 주세요 (사이트는 만료되면 자동으로 삭제됩니다).',
  internal: '저희 쪽에서 문제가 생겼습니다.',
};

/** Korean (한국어): the same keys as ./en.ts. */
export const ko: Words = {
  commands: [
    { command: 'new', description: '설명으로 웹사이트 만들기' },
    { command: 'sites', description: '최근에 만든 사이트' },
    { command: 'cancel', description: '만들고 있는 사이트 중지' },
    { command: 'usage', description: '사용량과 남은 한도' },
    { command: 'help', description: '사용 방법' },
  ],
  profile: {
    description:
      '"리스본의 아늑한 카페 랜딩 페이지"처럼 웹사이트를 메시지 하나로 설명해 주시면 만들어 드립니다. AI가 페이지를 작성하고 모든 페이지는 안전 검사를 거치며, 1분쯤 뒤에 새 사이트 링크를 보내 드립니다. 바꾸고 싶은 점은 제 답장에 답글로 보내 주세요.',
    shortDescription: '채팅 메시지 하나로 작은 웹사이트를 만들어 1분쯤 뒤에 링크를 보내 드립니다.',
  },
  examples: [
    { label: '☕ 카페', prompt: '리스본의 아늑한 카페 랜딩 페이지: 메뉴, 영업시간, 지도 섹션' },
    { label: '📷 사진작가', prompt: '웨딩 사진작가 포트폴리오: 갤러리, 가격, 연락처 섹션' },
    { label: '🧘 요가 스튜디오', prompt: '요가 스튜디오 웹사이트: 수업 시간표, 강사 소개, 가격, 첫 수업 무료 안내' },
  ],
  welcome: () =>
    [
      '<b>안녕하세요! 설명을 보내 주시면 작은 웹사이트를 만들어 드립니다.</b>',
      '',
      '<i>리스본에 있는 카페의 랜딩 페이지</i> 처럼 보내 주시면 1분쯤 뒤에 새 사이트 링크로 답해 드립니다.',
      '바꾸고 싶은 점은 제 답장에 답글로 보내 주세요 (<i>헤더를 진한 파란색으로</i>).',
      '',
      '아니면 예시를 눌러 보세요:',
    ].join('\n'),
  help: () =>
    [
      '<b>사용 방법</b>',
      '원하는 웹사이트를 메시지 하나로 설명해 주세요. 사이트를 만들어 링크를 보내 드립니다.',
      '완성된 사이트에 답글을 달면 사이트를 고칩니다. 고칠 때마다 새 버전이 되고, 이전 버전으로 언제든 되돌릴 수 있습니다.',
      '',
      '/new &lt;설명&gt; — 사이트 만들기 (그룹에서는 이렇게 요청하세요)',
      '/sites — 최근에 만든 사이트 (그룹에서는 그 그룹에서 만든 사이트)',
      '/cancel — 만들고 있는 사이트 중지',
      '/usage — 사용량과 남은 한도',
      '',
      '그룹에서는 /new, 제 메시지에 단 답글, 저를 언급한 메시지에만 답합니다.',
    ].join('\n'),
  groupHello: (username: string) =>
    `안녕하세요! 작은 웹사이트를 만들어 드립니다. <code>/new 빵집 랜딩 페이지</code> 처럼 요청하시거나 @${escapeHtml(username)} 를 언급하고 설명을 보내 주세요.`,
  usage: ({ today, month, left, storage }) =>
    [
      '<b>사용량</b>',
      `오늘: 사이트 ${today.jobs}개, AI 토큰 ${today.tokens.toLocaleString('ko-KR')}개`,
      `이번 달: 사이트 ${month.jobs}개, AI 토큰 ${month.tokens.toLocaleString('ko-KR')}개`,
      left === undefined
        ? '사용 한도가 적용되지 않습니다.'
        : `남은 한도: ${left.hour === null ? '시간당 제한 없음' : `이번 시간 ${left.hour}개`}, ${left.day === null ? '하루 제한 없음' : `24시간 동안 ${left.day}개`}.`,
      ...(storage
        ? [
            `저장 공간: 사이트들이 ${megabytes(storage.capBytes)} MB 중 ${megabytes(storage.usedBytes)} MB를 쓰고 있습니다.`,
          ]
        : []),
    ].join('\n'),
  banned: () => '죄송합니다. 이 봇을 사용하실 수 없습니다.',
  slowDown: (perMinute: number) =>
    `너무 빠릅니다. 한 채팅에서 1분에 메시지와 버튼을 ${perMinute.toLocaleString('ko-KR')}번까지만 받습니다. 잠시 후 다시 시도해 주세요.`,
  onlyText: () => '텍스트만 이해할 수 있습니다. 원하는 웹사이트를 메시지 하나로 설명해 주시면 만들어 드립니다.',
  promptTooLong: (max: number, length: number) =>
    `설명이 ${length.toLocaleString('ko-KR')}자입니다. ${max.toLocaleString('ko-KR')}자 이내로 줄여서 다시 보내 주세요.`,
  emptyPrompt: () => '원하는 웹사이트를 설명해 주세요. 예: <code>/new 요가 스튜디오 랜딩 페이지</code>',
  unknownCommand: () => '모르는 명령어입니다. /help 에서 할 수 있는 일을 보세요.',
  editIgnored: () =>
    '새 메시지로만 사이트를 만들기 때문에 수정한 내용은 반영되지 않습니다. 사이트를 고치려면 사이트 메시지에 답글로 바꿀 점을 보내 주세요.',
  quota: {
    restores: (limit: number, retryInMinutes: number) =>
      `지난 한 시간 동안 사이트를 ${limit}번 되돌리거나 다시 만드셔서 시간당 한도에 도달했습니다. ${retryInMinutes}분 뒤에 다시 할 수 있습니다.`,
    running: (limit: number) =>
      limit === 1
        ? '이전 사이트를 아직 만들고 있습니다. 끝날 때까지 기다리시거나 /cancel 로 중지해 주세요.'
        : `이미 사이트 ${limit}개를 만들고 있습니다. 하나가 끝날 때까지 기다리시거나 /cancel 로 중지해 주세요.`,
    hour: (limit: number, retryInMinutes: number) =>
      `지난 한 시간 동안 사이트 ${limit}개를 요청하셔서 시간당 한도에 도달했습니다. ${retryInMinutes}분 뒤에 다시 요청할 수 있습니다.`,
    day: (limit: number, retryInMinutes: number) =>
      `지난 24시간 동안 사이트 ${limit}개를 요청하셔서 하루 한도에 도달했습니다. ${retryInMinutes < 90 ? `${retryInMinutes}분` : `${Math.ceil(retryInMinutes / 60)}시간`} 뒤에 다시 요청할 수 있습니다.`,
  },
  status: {
    queued: (position: number) =>
      position <= 1 ? '⏳ 알겠습니다! 바로 다음 순서입니다.' : `⏳ 알겠습니다! 대기 순서는 ${position}번째입니다.`,
    generating: () => '⚙️ 사이트를 작성하고 있습니다…',
    progress: (bytes: number, sections: readonly string[]) => {
      const written = `${Math.max(1, Math.round(bytes / 1024))} KB 작성`;
      if (sections.length === 0) return `⚙️ 사이트를 작성하고 있습니다… ${written}`;
      return `⚙️ 사이트를 작성하고 있습니다… ${written}, 지금까지 섹션: ${sectionList(sections, (rest) => ` 외 ${rest}개`)}`;
    },
    checking: () => '🔍 페이지가 안전한지 확인하고 있습니다…',
    publishing: () => '📦 게시하고 있습니다…',
    restoring: (version: number) => `↩️ 버전 ${version}(으)로 되돌리고 있습니다…`,
    cancelled: () => '⏹ 중지했습니다.',
    deleting: () => '🗑 사이트를 삭제하고 있습니다…',
  },
  done: (site) =>
    resultMessage(site, {
      head:
        site.restoredFrom !== null
          ? `↩️ 버전 ${site.restoredFrom}을(를) 버전 ${site.version}(으)로 되돌렸습니다:`
          : site.version > 1
            ? `✅ 버전 ${site.version}이(가) 준비되었습니다:`
            : '✅ 사이트가 준비되었습니다:',
      versions: '버전',
      replyHint: '이 메시지에 답글을 달면 사이트를 고칩니다.',
    }),
  failed: (reason: FailureReason) => `❌ 죄송합니다. 사이트를 만들지 못했습니다. ${failureReasons[reason]}`,
  failureReasons,
  deleted: (title: string) =>
    `🗑 삭제했습니다: <b>${escapeHtml(title)}</b>. 링크는 더 이상 열리지 않고, 저장 공간도 더 이상 차지하지 않습니다.`,
  deleteFailed: () =>
    '❌ 죄송합니다. 사이트를 삭제하지 못했습니다. 저희 쪽에 문제가 생겼습니다. 잠시 뒤에 다시 시도해 주세요.',
  buttons: {
    open: '🌐 열기',
    regenerate: '🔁 다시 만들기',
    download: '⬇️ .zip 다운로드',
    retry: '🔁 다시 시도',
    restore: (version: number) => `↩️ v${version} 되돌리기`,
    delete: '🗑 삭제',
    deleteForGood: '🗑 완전히 삭제할까요? 예',
    keep: '아니요, 그대로 두기',
    newer: '◀ 최근',
    older: '이전 ▶',
  },
  cancel: {
    nothing: () => '중지할 것이 없습니다. 만들고 있는 사이트가 없습니다.',
    stopped: (prompt: string) => `⏹ 중지했습니다: <i>${escapeHtml(excerpt(prompt))}</i>`,
  },
  sites: {
    empty: (inGroup) =>
      inGroup
        ? '이 채팅에서 만든 사이트가 아직 없습니다. <code>/new</code> 와 설명으로 요청해 주세요.'
        : '아직 만든 사이트가 없습니다. 원하는 사이트를 설명해 주시면 만들어 드립니다.',
    page: (sites, page, pages, inGroup) =>
      [
        `<b>${inGroup ? '이 채팅에서 만든 사이트' : '내 사이트'}</b>${pages > 1 ? ` (${pages}쪽 중 ${page}쪽)` : ''}`,
        '',
        ...sites.map(
          (s) =>
            `• <a href="${escapeHtml(s.url)}">${escapeHtml(s.title)}</a> — v${s.version}, ${s.ageDays === 0 ? '오늘' : `${s.ageDays}일 전`}`,
        ),
      ].join('\n'),
  },
  download: {
    caption: (title: string, version: number) => `<b>${escapeHtml(title)}</b>, 버전 ${version}`,
    preparing: () => '사이트를 압축하고 있습니다…',
  },
  staleButton: () => '그 사이트는 더 이상 없습니다.',
  notYourSite: () => '이 사이트는 만든 분이나 이 그룹의 관리자만 바꿀 수 있습니다.',
};
