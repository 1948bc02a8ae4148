// `npm run demo`: build if needed, then serve the demo fleet on the embedded database.
import { ensureBuild, startServer } from "./lib/server.mjs";

ensureBuild({ whenStale: true });
// The demo's webhook receiver runs inside the server itself, on loopback.
startServer({ PLUMBLINE_DEMO: "1", PLUMBLINE_WEBHOOK_ALLOW_PRIVATE: process.env.PLUMBLINE_WEBHOOK_ALLOW_PRIVATE ?? "1" });
