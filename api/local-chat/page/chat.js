// The local chat page's script, served inline under a CSP that allows exactly this script (by hash).
// It follows the conversation (GET /chat/messages) and sends what the user does (POST /chat/messages,
// /chat/button-presses); the api turns those into Telegram updates for its webhook.
//
// Bot text is Telegram HTML. It is parsed in an inert document (DOMParser: nothing there runs or
// loads) and rebuilt element by element from the few tags Telegram allows; links keep only an
// http(s) or mailto address. Nothing from the bot is ever assigned to innerHTML: the CSP requires
// Trusted Types, and the one policy below feeds DOMParser only.
'use strict';

(() => {
  const conversation = document.getElementById('conversation');
  const form = document.getElementById('composer');
  const input = document.getElementById('text');
  const sendButton = document.getElementById('send');
  const status = document.getElementById('status');
  const typing = document.getElementById('typing');
  const replyBar = document.getElementById('reply-bar');
  const replyText = document.getElementById('reply-text');
  const toast = document.getElementById('toast');
  const alertBox = document.getElementById('alert');
  const alertText = document.getElementById('alert-text');
  const alertOk = document.getElementById('alert-ok');

  /** Telegram HTML tag → the element shown for it; anything else shows its text only. */
  const TAGS = {
    b: 'b', strong: 'b', i: 'i', em: 'i', u: 'u', ins: 'u', s: 's', strike: 's', del: 's',
    code: 'code', pre: 'pre', blockquote: 'blockquote', a: 'a', span: 'span', 'tg-spoiler': 'span', 'tg-emoji': 'span',
  };
  const LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'];
  const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g;
  const TYPING_SHOWN_MS = 5000;
  /** A button's answer shows this long, as Telegram's does. */
  const NOTICE_SHOWN_MS = 3000;
  /** Answers given before the page opened belong to the history it replays: not shown again (same machine, same clock). */
  const openedAt = Date.now();

  const policy = window.trustedTypes
    ? window.trustedTypes.createPolicy('telegram-html', { createHTML: (html) => html })
    : { createHTML: (html) => html };

  /** message id → its element */
  const bubbles = new Map();
  /** ids of the messages deleted: a reply to one quotes "Deleted message", as Telegram does. */
  const deletedIds = new Set();
  let toastTimer;
  let after = 0;
  let replyTo;
  let typingTimer;
  let connectionLost = false;

  function render(text, html) {
    const fragment = document.createDocumentFragment();
    if (!html) {
      appendText(fragment, text, false);
      return fragment;
    }
    const parsed = new DOMParser().parseFromString(policy.createHTML(text), 'text/html');
    copyAllowed(parsed.body, fragment, false);
    return fragment;
  }

  function copyAllowed(from, into, inLink) {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        appendText(into, node.data, inLink);
        continue;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      const tag = TAGS[node.localName];
      const href = node.localName === 'a' ? safeHref(node.getAttribute('href')) : undefined;
      if (!tag || (node.localName === 'a' && !href)) {
        copyAllowed(node, into, inLink);
        continue;
      }
      const element = document.createElement(tag);
      if (href) setLink(element, href);
      if (node.localName === 'tg-spoiler' || (node.localName === 'span' && node.getAttribute('class') === 'tg-spoiler')) element.className = 'spoiler';
      copyAllowed(node, element, inLink || Boolean(href));
      into.append(element);
    }
  }

  /** Text, with bare http(s) addresses made links, as Telegram shows them. */
  function appendText(into, text, inLink) {
    if (inLink) return into.append(text);
    let last = 0;
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const url = match[0].replace(/[.,;:!?)\]]+$/, '');
      const href = safeHref(url);
      if (!href) continue;
      into.append(text.slice(last, match.index));
      const link = document.createElement('a');
      setLink(link, href);
      link.textContent = url;
      into.append(link);
      last = match.index + url.length;
    }
    into.append(text.slice(last));
  }

  function safeHref(value) {
    try {
      const url = new URL(value);
      return LINK_PROTOCOLS.includes(url.protocol) ? url.href : undefined;
    } catch {
      return undefined;
    }
  }

  function setLink(element, href) {
    element.href = href;
    element.target = '_blank';
    element.rel = 'noopener noreferrer';
  }

  function renderButtons(container, messageId, rows) {
    container.replaceChildren();
    for (const row of rows) {
      const line = document.createElement('div');
      line.className = 'button-row';
      for (const button of row) {
        const href = button.url && safeHref(button.url);
        let element;
        if (href) {
          element = document.createElement('a');
          setLink(element, href);
          element.textContent = `${button.text} ↗`;
        } else {
          element = document.createElement('button');
          element.type = 'button';
          element.textContent = button.text;
          if (button.callbackData === undefined) element.disabled = true;
          else element.addEventListener('click', () => press(element, messageId, button.callbackData));
        }
        element.className = 'inline-button';
        line.append(element);
      }
      container.append(line);
    }
    container.hidden = rows.length === 0;
  }

  function addMessage(event) {
    const bubble = document.createElement('article');
    bubble.className = `message ${event.from}`;
    if (event.replyTo !== undefined) {
      const quote = document.createElement('div');
      quote.className = 'quote';
      quote.dataset.replyTo = String(event.replyTo);
      showQuote(quote, event.replyTo);
      bubble.append(quote);
    }
    if (event.from === 'bot') {
      const reply = document.createElement('button');
      reply.type = 'button';
      reply.className = 'reply-action';
      reply.textContent = '↩ Reply';
      reply.addEventListener('click', () => startReply(event.messageId));
      bubble.append(reply);
    }
    const text = document.createElement('div');
    text.className = 'text';
    text.append(render(event.text, event.html));
    bubble.append(text);
    if (event.attachment) bubble.append(attachmentLink(event.attachment));
    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    renderButtons(buttons, event.messageId, event.buttons);
    bubble.append(buttons);
    bubbles.set(event.messageId, bubble);
    conversation.append(bubble);
  }

  function attachmentLink(attachment) {
    if (!attachment.id) {
      const note = document.createElement('div');
      note.className = 'file';
      note.textContent = `📎 ${attachment.name}`;
      return note;
    }
    const link = document.createElement('a');
    link.className = 'file';
    link.href = `/chat/files/${encodeURIComponent(attachment.id)}`;
    link.download = attachment.name;
    link.textContent = `📎 ${attachment.name} (${Math.max(1, Math.round(attachment.size / 1024))} KB)`;
    return link;
  }

  function apply(event) {
    switch (event.kind) {
      case 'message':
        if (event.from === 'bot') showTyping(false);
        return addMessage(event);
      case 'edit': {
        const bubble = bubbles.get(event.messageId);
        if (!bubble) return addMessage({ ...event, kind: 'message', from: 'bot', text: event.text ?? '', html: Boolean(event.html) });
        // Telegram marks a message "edited" when its text changes, not when only its buttons do.
        if (event.text !== undefined) {
          bubble.querySelector('.text').replaceChildren(render(event.text, event.html));
          markEdited(bubble);
          refreshQuotes(event.messageId);
        }
        return renderButtons(bubble.querySelector('.buttons'), event.messageId, event.buttons);
      }
      case 'delete':
        for (const id of event.messageIds) {
          bubbles.get(id)?.remove();
          bubbles.delete(id);
          deletedIds.add(id);
          refreshQuotes(id);
          if (replyTo === id) stopReply();
        }
        return;
      case 'typing':
        return showTyping(true);
      case 'notice':
        if (event.at >= openedAt) showNotice(event.text, event.alert);
        return;
    }
  }

  function showQuote(quote, messageId) {
    const deleted = deletedIds.has(messageId);
    quote.textContent = deleted ? 'Deleted message' : bubbles.get(messageId)?.querySelector('.text')?.textContent || '…';
    quote.classList.toggle('deleted', deleted);
  }

  /** Quotes follow the message they quote: its edits, its deletion. */
  function refreshQuotes(messageId) {
    for (const quote of conversation.querySelectorAll('.quote')) {
      if (quote.dataset.replyTo === String(messageId)) showQuote(quote, messageId);
    }
  }

  function markEdited(bubble) {
    if (bubble.querySelector('.edited')) return;
    const mark = document.createElement('span');
    mark.className = 'edited';
    mark.textContent = 'edited';
    bubble.querySelector('.text').after(mark);
  }

  /** A button's answer: for a moment over the chat, or, when the bot asks for an alert, in a box the user closes. */
  function showNotice(text, alert) {
    if (alert) {
      alertText.textContent = text;
      alertBox.hidden = false;
      alertOk.focus();
      return;
    }
    clearTimeout(toastTimer);
    toast.textContent = text;
    toast.hidden = false;
    toastTimer = setTimeout(() => (toast.hidden = true), NOTICE_SHOWN_MS);
  }

  function showTyping(shown) {
    clearTimeout(typingTimer);
    typing.hidden = !shown;
    if (shown) typingTimer = setTimeout(() => (typing.hidden = true), TYPING_SHOWN_MS);
  }

  function startReply(messageId) {
    replyTo = messageId;
    replyText.textContent = `Replying to: ${bubbles.get(messageId)?.querySelector('.text')?.textContent ?? ''}`;
    replyBar.hidden = false;
    input.focus();
  }

  function stopReply() {
    replyTo = undefined;
    replyBar.hidden = true;
  }

  async function post(path, body) {
    try {
      const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.ok) {
        status.textContent = '';
        return true;
      }
      const answer = await response.json().catch(() => ({}));
      status.textContent = `Not delivered (${response.status}): ${answer.message ?? 'try again'}`;
    } catch {
      status.textContent = 'Not delivered: the api does not answer. Is it still running?';
    }
    return false;
  }

  /** Like Telegram, the button shows that it waits until the bot has answered the press. */
  async function press(element, messageId, data) {
    element.disabled = true;
    element.classList.add('pending');
    element.setAttribute('aria-busy', 'true');
    await post('/chat/button-presses', { messageId, data, languageCode: navigator.language });
    element.disabled = false;
    element.classList.remove('pending');
    element.removeAttribute('aria-busy');
  }

  async function follow() {
    for (;;) {
      try {
        const response = await fetch(`/chat/messages?after=${after}`, { cache: 'no-store' });
        if (!response.ok) throw new Error(`status ${response.status}`);
        const { events, last } = await response.json();
        const atBottom = conversation.scrollHeight - conversation.scrollTop - conversation.clientHeight < 40;
        for (const event of events) apply(event);
        if (events.length > 0 && atBottom) conversation.scrollTop = conversation.scrollHeight;
        after = last;
        if (connectionLost) status.textContent = '';
        connectionLost = false;
      } catch {
        connectionLost = true;
        status.textContent = 'Lost the connection to the api; trying again…';
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    sendButton.disabled = true;
    if (await post('/chat/messages', { text, replyTo, languageCode: navigator.language })) {
      input.value = '';
      stopReply();
    }
    sendButton.disabled = false;
    input.focus();
  });
  input.addEventListener('keydown', (key) => {
    if (key.key === 'Enter' && !key.shiftKey && !key.isComposing) {
      key.preventDefault();
      form.requestSubmit();
    }
  });
  document.getElementById('reply-cancel').addEventListener('click', stopReply);
  alertOk.addEventListener('click', () => (alertBox.hidden = true));
  conversation.addEventListener('click', (click) => click.target.closest?.('.spoiler')?.classList.toggle('shown'));

  void follow();
})();
