// `npm start`: the production server. Migrations apply at start-up; demo data only with PLUMBLINE_DEMO=1.
import { ensureBuild, startServer } from "./lib/server.mjs";

ensureBuild({ whenStale: false });
startServer();
