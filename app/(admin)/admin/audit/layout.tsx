import { pageGate } from "@/components/admin/page-gate";

export default pageGate("/admin/audit", ["ADMIN"]);
