import { sql, type Kysely } from 'kysely';

// Frozen in time: a migration never imports application types.

/**
 * The overall send slots taken, by number (slot n starts n × the overall interval after the epoch),
 * shared by every process that sends, and the one function that takes them: it serializes
 * reservations, finds the earliest free slot not before the chat's next turn (so a message waiting
 * for its chat leaves the earlier slots to other chats), takes it and moves the chat's turn to
 * `per_chat_ms` after it. One round trip; the lock is held only while the function runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('telegram_send_calendar')
    .addColumn('slot', 'bigint', (c) => c.primaryKey())
    .execute();
  await sql`
    create function telegram_reserve_send_slot(chat_key text, global_ms double precision, per_chat_ms double precision)
    returns table (reserved_slot bigint, wait_ms double precision)
    language plpgsql as $$
    declare
      now_ms double precision;
      turn_ms double precision;
      first_slot bigint;
      chosen bigint;
    begin
      -- One reservation at a time, in every process: the free slot found below is still free when taken.
      perform pg_advisory_xact_lock(hashtext('telegram_send_calendar'));
      now_ms := extract(epoch from clock_timestamp()) * 1000;
      if chat_key is not null then
        select extract(epoch from s.next_at) * 1000 into turn_ms from telegram_send_slots s where s.key = chat_key;
      end if;
      first_slot := ceil(greatest(now_ms, coalesce(turn_ms, 0)) / global_ms);
      if not exists (select 1 from telegram_send_calendar c where c.slot = first_slot) then
        chosen := first_slot;
      else
        -- The end of the run of taken slots that starts there: one index scan.
        select min(c.slot) + 1 into chosen from telegram_send_calendar c
        where c.slot >= first_slot and not exists (select 1 from telegram_send_calendar d where d.slot = c.slot + 1);
      end if;
      insert into telegram_send_calendar (slot) values (chosen);
      if chat_key is not null then
        insert into telegram_send_slots (key, next_at) values (chat_key, to_timestamp((chosen * global_ms + per_chat_ms) / 1000))
        on conflict (key) do update set next_at = excluded.next_at;
      end if;
      -- Slots more than a minute old can never be taken again: clear them now and then.
      if chosen % 64 = 0 then
        delete from telegram_send_calendar c where c.slot < chosen - ceil(60000 / global_ms);
      end if;
      return query select chosen, greatest(0, chosen * global_ms - now_ms);
    end
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop function telegram_reserve_send_slot(text, double precision, double precision)`.execute(db);
  await db.schema.dropTable('telegram_send_calendar').execute();
}
