import type { UpdateUserRequest, UserSummary } from '@cctv/protocol';
import type { StateCreator } from 'zustand';
import type { ConsoleState } from '../../store/createStore';
import { fieldErrorsFrom, hasErrors, type FieldErrors } from '../auth/formErrors';
import type { ConsolePorts } from '../ports';
import { createErrors, createRequest, USER_FIELDS, type UserField, type UserFormValues } from './userForm';

export interface UsersView {
  byId: Record<number, UserSummary>;
  /** Ids in username order. */
  order: number[];
  loading: boolean;
  error: string | null;
}

export interface UsersSlice {
  users: UsersView;
  loadUsers(): Promise<void>;
  createUser(v: UserFormValues): Promise<FieldErrors<UserField>>;
  /** Sends a (pre-checked) change; answers field errors from the server, or none. */
  updateUser(req: UpdateUserRequest): Promise<FieldErrors<UserField>>;
}

function withUser(v: UsersView, u: UserSummary): UsersView {
  const byId = { ...v.byId, [u.id]: u };
  const order = Object.values(byId)
    .sort((a, b) => a.username.localeCompare(b.username))
    .map((x) => x.id);
  return { ...v, byId, order };
}

export function createUsersSlice(ports: ConsolePorts): StateCreator<ConsoleState, [], [], UsersSlice> {
  return (set) => ({
    users: { byId: {}, order: [], loading: false, error: null },
    loadUsers: async () => {
      set((s) => ({ users: { ...s.users, loading: true, error: null } }));
      const r = await ports.control.ask('user:list', {});
      if (!r.ok) return set((s) => ({ users: { ...s.users, loading: false, error: r.error.message } }));
      set({ users: r.data.reduce(withUser, { byId: {}, order: [], loading: false, error: null }) });
    },
    createUser: async (v) => {
      const errors = createErrors(v);
      if (hasErrors(errors)) return errors;
      const r = await ports.control.ask('user:create', createRequest(v));
      if (!r.ok)
        return r.error.code === 'CONFLICT' ? { username: r.error.message } : fieldErrorsFrom(r.error, USER_FIELDS);
      set((s) => ({ users: withUser(s.users, r.data) }));
      return {};
    },
    updateUser: async (req) => {
      const r = await ports.control.ask('user:update', req);
      if (!r.ok) return fieldErrorsFrom(r.error, USER_FIELDS);
      set((s) => ({ users: withUser(s.users, r.data) }));
      return {};
    },
  });
}

export const selectUsers = (s: ConsoleState): UsersView => s.users;
