import { apiRoute } from "@/lib/api/route";
import { purgeFromApi } from "@/lib/api/trash-and-history";

// DELETE /api/v1/trash/{id}: delete a trashed post for good (admins only).
export const DELETE = apiRoute<{ id: string }>({
  scope: "posts:write",
  run: async ({ actor, params }) => {
    await purgeFromApi(actor, params.id);
    return new Response(null, { status: 204 });
  },
});
