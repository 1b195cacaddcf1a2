-- kv
-- Written by DataFnMigrations.generate from the difference between the records and the database; review it before committing.
create table datafn_kv (id varchar(255) not null, namespace varchar(255) not null, value_json varchar(1000000) not null, primary key (id, namespace));

