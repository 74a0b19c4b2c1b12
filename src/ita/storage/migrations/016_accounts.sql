-- ita schema 16: accounts run from the web. A disabled account cannot sign in and its sessions
-- end; a password someone else set (a first-sign-in letter, an admin's reset) must be changed at
-- the next sign-in before any other page opens.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
