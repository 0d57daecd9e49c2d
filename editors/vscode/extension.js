// extension.js — the pg extension's language client: starts `pgc lsp` for
// .pg files through vscode-languageclient (npm install in this directory
// before packaging; doc/editors.md).  The setting pgc.path names the pgc
// executable (default: pgc on PATH).
"use strict";
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("pgc").get("path") || "pgc";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient("pgc", "pgc lsp", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "pg" }],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
