-- The article each chat reads when not the latest, as in sqlite/0003_reading.sql.
create table reading (
    chat_id    bigint primary key,
    article    text not null,
    since      text not null,
    updated_at text collate "C" not null
);
