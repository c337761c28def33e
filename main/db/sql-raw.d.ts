// SQL migration files are bundled as text (Vite/Vitest `?raw`, and the same in scripts/build.mjs).
declare module '*.sql?raw' {
  const sql: string;
  export default sql;
}
