import { useState } from 'react';

export const SignIn = ({ onSignIn, error }: { onSignIn: (token: string) => void; error: string | null }) => {
  const [value, setValue] = useState('');
  return (
    <section className="signin">
      <h1>Sign in</h1>
      <p>
        Paste your bearer token. It stays in this browser tab only (session storage) and names your user, role
        and site; the workbench shows what that role may see.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onSignIn(value.trim());
        }}
      >
        <label htmlFor="token">Bearer token</label>
        <input
          id="token"
          type="password"
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit">Sign in</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="hint">
        With no tokens configured, <code>npm start</code> prints a development admin token and keeps it in{' '}
        <code>data/dev-admin.token</code>.
      </p>
    </section>
  );
};
