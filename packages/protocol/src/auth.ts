import { z } from 'zod';
import { roleSchema, type Permission, type Role } from './permissions';

/** Names are lower-case: "j.smith", "op-14". */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be 2–64 letters, digits, dots, dashes or underscores');

/** At least 12 characters: a passphrase, not a word. */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(256, 'must be at most 256 characters');

export const signInSchema = z
  .object({
    username: z.string().min(1, 'is required').max(64),
    password: z.string().min(1, 'is required').max(256),
    workstation: z.string().min(1).max(64).optional(),
  })
  .strict();
/** Body of POST /api/auth/sign-in. */
export type SignInRequest = z.infer<typeof signInSchema>;

/** The first administrator, created with the one-time set-up token printed at first start. */
export const setupSchema = z
  .object({
    token: z.string().min(16).max(128),
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(120),
    password: passwordSchema,
  })
  .strict();
/** Body of POST /api/auth/setup. */
export type SetupRequest = z.infer<typeof setupSchema>;

/** The signed-in user, as the console knows them. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districts: string[];
  permissions: Permission[];
}

/** Answer to a successful sign-in. The token goes in the Socket.IO handshake (`auth.token`). */
export interface SignInResponse {
  token: string;
  expiresAt: number;
  user: SessionUser;
}

/** Why the server ended a session; sent as `session:ended` just before it disconnects. */
export const sessionEndReasonSchema = z.enum([
  'signed-out',
  'signed-out-everywhere',
  'expired',
  'revoked',
  'account-disabled',
]);
/** Why a session ended. */
export type SessionEndReason = z.infer<typeof sessionEndReasonSchema>;

export const createUserSchema = z
  .object({
    username: usernameSchema,
    displayName: z.string().trim().min(1).max(120),
    role: roleSchema,
    districts: z.array(z.string().trim().min(1).max(120)).max(32).default([]),
    password: passwordSchema,
  })
  .strict();
/** Payload of `user:create`. */
export type CreateUserRequest = z.input<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    id: z.number().int().positive(),
    displayName: z.string().trim().min(1).max(120).optional(),
    role: roleSchema.optional(),
    districts: z.array(z.string().trim().min(1).max(120)).max(32).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict();
/** Payload of `user:update`. */
export type UpdateUserRequest = z.input<typeof updateUserSchema>;

/** A user as an administrator lists them (never the password hash). */
export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  districts: string[];
  disabled: boolean;
  lockedUntil: number | null;
  createdAt: number;
  lastSignInAt: number | null;
}
