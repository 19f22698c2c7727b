-- Chats that receive new articles. chat_id is Telegram's id (negative for groups
-- and channels); it is the rowid, so lookups by chat are a single b-tree probe.
create table subscriptions (
    chat_id       integer primary key,
    chat_type     text    not null check (chat_type in ('private', 'group', 'supergroup', 'channel')),
    title         text,
    subscribed_by integer,
    subscribed_at text    not null,
    language      text    not null check (language in ('ar', 'en'))
);

-- Per-chat preferences, kept apart from subscriptions so that any chat can pick
-- a language without subscribing.
create table chat_settings (
    chat_id    integer primary key,
    language   text not null check (language in ('ar', 'en')),
    updated_at text not null
);

create table versions (
    version     text primary key,
    file        text not null,
    title       text not null,
    recorded_at text not null
);

-- One row per chat and article version. There is deliberately no foreign key to
-- subscriptions: sent rows outlive an unsubscribe so a returning chat is not sent
-- the same version twice.
create table deliveries (
    chat_id    integer not null,
    version    text    not null,
    state      text    not null check (state in ('pending', 'sending', 'sent', 'failed')),
    attempts   integer not null default 0,
    last_error text,
    created_at text    not null,
    updated_at text    not null,
    sent_at    text,
    message_id integer,
    primary key (chat_id, version)
) without rowid;

-- Serves due(): the delivery loop polls by state and version, oldest first.
create index deliveries_due on deliveries (state, version, created_at, chat_id);
