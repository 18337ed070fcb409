// IPC channel names of the vault (src-main/vault.ts ↔ src-main/preload.ts), apart from the handlers
// so the preload imports only these strings.
export const VAULT_CHANNELS = {
  status: 'vigie:vault-status',
  seal: 'vigie:vault-seal',
  open: 'vigie:vault-open',
} as const;
