import "@utrecht/design-tokens/dist/theme.css";
import "./styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { RouterProvider } from "./app/router.tsx";
import { SessionProvider } from "./app/session.tsx";
import { i18nReady } from "./i18n/index.ts";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");
// The words of the reader's language first (Dutch is in the shell; English is fetched if it was chosen).
await i18nReady;
createRoot(root).render(
  <StrictMode>
    <RouterProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </RouterProvider>
  </StrictMode>,
);
