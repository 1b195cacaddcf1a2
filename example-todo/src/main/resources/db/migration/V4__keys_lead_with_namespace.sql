-- keys lead with namespace
-- Written by hand. The resource tables were keyed (id, namespace), since Hibernate ordered the key's columns by
-- name; every read names one namespace, and a keyset page (namespace = ? and id > ? order by id) could walk
-- that key over every later id of every other namespace. Keyed (namespace, id), as the records now map them,
-- the key serves the page. Each key's index is rebuilt while its table is locked: on large tables, run this
-- when writes can wait.
-- The link table's foreign key names the key's columns in the key's order, so it is dropped first and made
-- again in the new order.
alter table todos_tags drop constraint fkj9ong3vjyirgas7hns3ronws0;
alter table todos drop constraint todos_pkey, add primary key (namespace, id);
alter table todos_tags add constraint FKj9ong3vjyirgas7hns3ronws0 foreign key (namespace, todos_id) references todos;
alter table projects drop constraint projects_pkey, add primary key (namespace, id);
alter table tags drop constraint tags_pkey, add primary key (namespace, id);
alter table datafn_kv drop constraint datafn_kv_pkey, add primary key (namespace, id);
-- V3 made this index for pages in id order; the key is now that index, and the records no longer ask for it.
drop index todos_id_idx;
