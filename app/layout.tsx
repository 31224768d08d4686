import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SignedInChrome } from "@/components/layout/app-chrome";
import { TopNav } from "@/components/layout/top-nav";
import "./globals.css";

// Every page is rendered per request: the CSP nonce (proxy.ts) must reach Next's scripts.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "netdiag", template: "%s · netdiag" },
  description: "Diagnose your homelab network over SSH",
};

export const viewport: Viewport = { themeColor: "#09090b", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-950 font-sans text-zinc-100">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-zinc-800 focus:px-3 focus:py-1.5">
          Skip to content
        </a>
        <SignedInChrome>
          <TopNav />
        </SignedInChrome>
        <main id="main" className="mx-auto max-w-[1400px] px-4 py-5 sm:px-6 sm:py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
