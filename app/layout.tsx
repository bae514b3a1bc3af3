import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page renders per request: its scripts carry that request's Content-Security-Policy nonce
// (proxy.ts); a page prerendered at build time would have scripts without one, and be blocked.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Warden", template: "%s · Warden" },
  description: "The governance control plane for AI agent crews",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
