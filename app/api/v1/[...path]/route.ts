import { unknownRoute } from "@/lib/api/route";

// Not a definition on purpose: it is no operation, only the answer for paths no route claims.
const answer = unknownRoute();

export const GET = answer;
export const POST = answer;
export const PUT = answer;
export const PATCH = answer;
export const DELETE = answer;
