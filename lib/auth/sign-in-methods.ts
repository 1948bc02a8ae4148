/** SSO-only deployments set PLUMBLINE_PASSWORD_SIGNIN=0: no password form, and no password sign-in through the API. */
export function passwordSignInEnabled(): boolean {
  return process.env.PLUMBLINE_PASSWORD_SIGNIN !== "0";
}
