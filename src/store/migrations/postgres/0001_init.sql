-- The PostgreSQL twin of sqlite/0001_init.sql: the same tables, columns and
-- meanings. Ids are bigint (Telegram ids exceed 32 bits). Times are RFC 3339
-- UTC text, as in SQLite, so both backends hand back the same values; the "C"
-- collation makes comparing and sorting them byte order, whatever the
-- database's locale.
create table subscriptions (
    chat_id       bigint primary key,
    chat_type     text   not null check (chat_type in ('private', 'group', 'supergroup', 'channel')),
    title         text,
    subscribed_by bigint,
    subscribed_at text   collate "C" not null,
    language      text   not null check (language in ('ar', 'en'))
);

create table chat_settings (
    chat_id    bigint primary key,
    language   text not null check (language in ('ar', 'en')),
    updated_at text collate "C" not null
);

-- seq orders versions recorded within the same microsecond, as SQLite's rowid does.
create table versions (
    version     text primary key,
    file        text not null,
    title       text not null,
    recorded_at text collate "C" not null,
    seq         bigint generated always as identity
);

-- No foreign key to subscriptions, as in SQLite: sent rows outlive an unsubscribe.
create table deliveries (
    chat_id    bigint not null,
    version    text   not null,
    state      text   not null check (state in ('pending', 'sending', 'sent', 'failed')),
    attempts   bigint not null default 0,
    last_error text,
    created_at text   collate "C" not null,
    updated_at text   collate "C" not null,
    sent_at    text   collate "C",
    message_id bigint,
    primary key (chat_id, version)
);

create index deliveries_due on deliveries (state, version, created_at, chat_id);
