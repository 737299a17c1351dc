-- Telegram webhook calls for wrk: each request a text-message update with a fresh update_id (unless
-- DUPLICATE is given), from one of many private chats, with the webhook secret header.
-- Usage: wrk -s webhook-updates.lua <url> -- <first update_id> <secret> [duplicate]
local first_id, secret, duplicate
local next_id
local thread_index = 0
local threads = {}

function setup(thread)
  thread:set("thread_index", thread_index)
  thread_index = thread_index + 1
  table.insert(threads, thread)
end

function init(args)
  first_id = tonumber(args[1])
  secret = args[2]
  duplicate = args[3] == "duplicate"
  -- Each wrk thread counts in its own range, so ids never collide across threads.
  next_id = first_id + thread_index * 100000000
  wrk.method = "POST"
  wrk.headers["content-type"] = "application/json"
  wrk.headers["x-telegram-bot-api-secret-token"] = secret
end

local template = '{"update_id":%d,"message":{"message_id":%d,"date":%d,' ..
  '"chat":{"id":%d,"type":"private","first_name":"Ada"},' ..
  '"from":{"id":%d,"is_bot":false,"first_name":"Ada","language_code":"en"},' ..
  '"text":"a landing page for a coffee shop"}}'

function request()
  local id = next_id
  if not duplicate then next_id = next_id + 1 end
  local chat = 1000 + id % 100000
  return wrk.format(nil, nil, nil, string.format(template, id, id % 1000000, os.time(), chat, chat))
end
