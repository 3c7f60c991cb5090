import type { Metadata } from "next";
import { openApiDocument } from "@/lib/api/openapi";
import { requireAdminPageUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference", robots: { index: false } };

type Operation = {
  summary?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description?: string }>;
};
type Schema = {
  type?: string | string[];
  properties?: Record<string, { type?: string | string[]; description?: string; enum?: unknown[] }>;
  required?: string[];
};

const METHODS = ["get", "post", "patch", "put", "delete"] as const;
const schemaName = (ref?: string) => ref?.split("/").at(-1);
const typeOf = (field: { type?: string | string[]; enum?: unknown[] }) =>
  field.enum ? field.enum.map(String).join(" | ") : Array.isArray(field.type) ? field.type.join(" | ") : (field.type ?? "any");

// GET /api/docs: the API reference, rendered on the server from the same OpenAPI document as /api/v1/openapi.json
// (no script, nothing from a CDN). For people with an account, like the tokens it describes.
export default async function ApiDocsPage() {
  await requireAdminPageUser("/api/docs");
  const document = openApiDocument();
  const schemas = document.components.schemas as Record<string, Schema>;
  return (
    <main className="admin-main" id="main" style={{ maxWidth: "60rem", margin: "0 auto" }}>
      <h1 className="page-heading">{document.info.title}</h1>
      <p>{document.info.description}</p>
      <p>
        Base address: <code>{document.servers[0].url}</code>. The machine-readable document: <code>/api/v1/openapi.json</code> (send a token).
      </p>
      {Object.entries(document.paths as Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>).map(([path, operations]) =>
        METHODS.filter((method) => operations[method]).map((method) => {
          const operation = operations[method]!;
          const bodyName = schemaName(Object.values(operation.requestBody?.content ?? {})[0]?.schema.$ref);
          const body = bodyName ? schemas[bodyName] : undefined;
          return (
            <section key={`${method} ${path}`} aria-labelledby={`${method}-${path}`}>
              <h2 id={`${method}-${path}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </h2>
              {operation.summary && <p>{operation.summary}</p>}
              {operation.parameters?.length ? (
                <table>
                  <caption>Parameters</caption>
                  <thead>
                    <tr>
                      <th scope="col">name</th>
                      <th scope="col">in</th>
                      <th scope="col">about</th>
                    </tr>
                  </thead>
                  <tbody>
                    {operation.parameters.map((parameter) => (
                      <tr key={parameter.name}>
                        <td>
                          <code>{parameter.name}</code>
                          {parameter.required ? " (required)" : ""}
                        </td>
                        <td>{parameter.in}</td>
                        <td>{parameter.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {body?.properties && (
                <table>
                  <caption>JSON body ({bodyName})</caption>
                  <thead>
                    <tr>
                      <th scope="col">field</th>
                      <th scope="col">type</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(body.properties).map(([name, field]) => (
                      <tr key={name}>
                        <td>
                          <code>{name}</code>
                          {body.required?.includes(name) ? " (required)" : ""}
                        </td>
                        <td>{typeOf(field)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p>
                Answers:{" "}
                {Object.entries(operation.responses)
                  .map(([status, response]) => `${status} ${response.description ?? ""}`.trim())
                  .join("; ")}
                .
              </p>
            </section>
          );
        }),
      )}
    </main>
  );
}
