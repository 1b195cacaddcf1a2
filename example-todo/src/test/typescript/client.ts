// A client of the example written against the generated declarations (META-INF/datafn/datafn.d.ts):
// TypeScriptClientTest type-checks it with tsc --strict.
import type { ErrorCode, Envelope, Todo, TodoMutation, TodoPage, TodoQuery } from "./datafn";

const openByPriority: TodoQuery = {
  resource: "todos",
  version: 1,
  select: ["id", "title", "dueDate", "project.name"],
  filters: {
    completed: false,
    priority: { gte: 3 },
    title: { ilike: "%milk%" },
    tags: { contains: "tg_home" },
    "project.name": { eq: "Home" },
    $or: [{ dueDate: { lt: "2026-02-01" } }, { dueDate: { is_null: true } }],
  },
  sort: ["priority:desc", "dueDate:asc"],
  limit: 20,
  count: true,
};

const insert: TodoMutation = {
  resource: "todos",
  version: 1,
  operation: "insert",
  clientId: "web",
  mutationId: "m-1",
  record: { title: "Buy milk", priority: 2, dueDate: "2026-01-31", tags: ["tg_home"] },
};

const complete: TodoMutation = {
  resource: "todos",
  version: 1,
  operation: "merge",
  id: "td_1",
  record: { completed: true },
  if: { completed: false },
};

function titles(answer: Envelope<TodoPage>): string[] {
  if (!answer.ok) {
    const code: ErrorCode = answer.error.code;
    return [code];
  }
  return answer.result.data.map((todo: Todo) => `${todo.title} ${todo.dueDate ?? "(no date)"} ${todo.completed}`);
}

// @ts-expect-error a misspelt field is no filter key
const misspelt: TodoQuery = { resource: "todos", version: 1, filters: { titel: "Buy milk" } };
// @ts-expect-error a boolean is not ordered: no gt
const ordered: TodoQuery = { resource: "todos", version: 1, filters: { completed: { gt: false } } };

export { openByPriority, insert, complete, titles, misspelt, ordered };
