/** What `GET /igny8/v1/connection` answers (never a key or a password). */
export type ConnectionStatus = {
  connected: boolean;
  service_url: string;
  /** wp-config.php defines IGNY8_SERVICE_URL: the URL is shown, not typed. */
  service_url_fixed: boolean;
  site_id: string | null;
  account_name: string;
  site_name: string;
  app_password: boolean;
  app_passwords_available: boolean;
};

export type AbilityExposure = { name: string; label: string; description: string; mcp_public: boolean };

/** What `GET /igny8/v1/settings/abilities` answers. */
export type AbilitiesSettings = { available: boolean; abilities: AbilityExposure[] };
