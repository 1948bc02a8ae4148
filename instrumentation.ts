/** Runs once when a server process starts: the socket-peer stamp, migrations, then the demo seed when asked for. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { stampSocketPeers } = await import("./lib/api/socket-peer");
  stampSocketPeers();
  const { boot } = await import("./lib/boot");
  await boot();
}
