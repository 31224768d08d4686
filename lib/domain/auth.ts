/** Shortest password accepted for an account (setup, NETDIAG_ADMIN_PASSWORD, password change). */
export const MIN_PASSWORD_LENGTH = 12;
