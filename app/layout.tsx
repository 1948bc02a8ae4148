import type { Metadata } from "next";
import { cookies } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Plumbline", template: "%s · Plumbline" },
  description: "Observability and governance for machine-learning systems in production",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = (await cookies()).get("theme")?.value;
  return (
    <html lang="en" className={theme === "dark" ? "dark" : theme === "light" ? "light" : undefined} suppressHydrationWarning>
      <body className="min-h-screen text-sm">{children}</body>
    </html>
  );
}
