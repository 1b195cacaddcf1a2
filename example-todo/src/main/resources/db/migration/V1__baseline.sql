-- Baseline: DataFn's own tables (datafn_changes, datafn_idempotency, datafn_sequences,
-- datafn_change_horizon) and the example's resources (projects, tags, todos, todos_tags), written by
-- `generate-migration baseline` against an empty PostgreSQL database and reviewed.
create table datafn_change_horizon (namespace varchar(255) not null, pruned_through bigint not null, primary key (namespace));
create table datafn_changes (namespace varchar(255) not null, server_seq bigint not null, actor varchar(255), client_id varchar(255), created_at timestamp(6) with time zone not null, data text, link text, mutation_id varchar(255), op varchar(32) not null, record_id varchar(255) not null, resource varchar(63) not null, primary key (namespace, server_seq));
create table datafn_idempotency (client_id varchar(255) not null, mutation_id varchar(255) not null, namespace varchar(255) not null, created_at timestamp(6) with time zone not null, request_hash varchar(64) not null, result text, primary key (client_id, mutation_id, namespace));
create table datafn_sequences (namespace varchar(255) not null, last_value bigint not null, primary key (namespace));
create table projects (id varchar(255) not null, namespace varchar(255) not null, archived boolean not null, color varchar(1000000), name varchar(255) not null, primary key (id, namespace));
create table tags (id varchar(255) not null, namespace varchar(255) not null, name varchar(255) not null, primary key (id, namespace));
create table todos (id varchar(255) not null, namespace varchar(255) not null, completed boolean not null, created_at timestamp(6) with time zone, due_date date, notes varchar(1000000), priority integer, project_id varchar(255), title varchar(200) not null, updated_at timestamp(6) with time zone, primary key (id, namespace));
create table todos_tags (namespace varchar(255) not null, todos_id varchar(255) not null, tags_id varchar(255) not null, metadata varchar(1000000), primary key (namespace, todos_id, tags_id));
create index datafn_changes_resource_idx on datafn_changes (namespace, resource, server_seq);
create index datafn_changes_record_idx on datafn_changes (namespace, resource, record_id);
alter table if exists projects drop constraint if exists projects_name_key;
alter table if exists projects add constraint projects_name_key unique (namespace, name);
alter table if exists tags drop constraint if exists tags_name_key;
alter table if exists tags add constraint tags_name_key unique (namespace, name);
create index todos_project_id_idx on todos (namespace, project_id);
create index todos_tags_target_idx on todos_tags (namespace, tags_id);
alter table if exists todos_tags add constraint FKj9ong3vjyirgas7hns3ronws0 foreign key (todos_id, namespace) references todos;
