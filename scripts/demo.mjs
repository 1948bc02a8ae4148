// `npm run demo`: build if needed, then serve the demo fleet on the embedded database.
import { ensureBuild, startServer } from "./lib/server.mjs";

ensureBuild({ whenStale: true });
startServer({ PLUMBLINE_DEMO: "1" });
