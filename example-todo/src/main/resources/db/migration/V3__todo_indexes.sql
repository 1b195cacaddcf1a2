-- todo indexes
-- Written by DataFnMigrations.generate from the difference between the records and the database; review it before committing.
create index todos_id_idx on todos (namespace, id);
create index todos_completed_due_date_idx on todos (namespace, completed, due_date, id);
create index todos_project_id_completed_due_date_idx on todos (namespace, project_id, completed, due_date, id);
create index todos_completed_priority_desc_idx on todos (namespace, completed, priority desc, id);
-- Reviewed: todos_project_id_completed_due_date_idx starts with (namespace, project_id), so it serves every
-- lookup the many-one index of V1 served, and the records no longer ask for that one.
drop index todos_project_id_idx;
