-- Sign-up is throttled per client address in the same table as sign-in failures. The counter
-- is now taken before the password check (an attempt counts at once, atomically), so the
-- column keeps its name but counts attempts that have not succeeded.
alter table login_throttle drop constraint login_throttle_scope_check;
alter table login_throttle add constraint login_throttle_scope_check check (scope in ('account', 'ip', 'sign_up_ip'));
