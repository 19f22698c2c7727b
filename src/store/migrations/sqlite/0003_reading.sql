-- The article each chat reads when not the latest (opened from the archive),
-- and the latest version when it chose: kept across restarts and shared by
-- replicas. One row per chat; no row, the latest article.
create table reading (
    chat_id    integer primary key,
    article    text not null,
    since      text not null,
    updated_at text not null
);
