import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useEffect, useState } from 'react';

export const BASE = '/ui';

const listeners = new Set<() => void>();

export const navigate = (path: string): void => {
  window.history.pushState(null, '', `${BASE}${path}`);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
};

export interface Location {
  path: string;
  query: URLSearchParams;
}

const current = (): Location => ({
  path: window.location.pathname.replace(/^\/ui/, '') || '/',
  query: new URLSearchParams(window.location.search),
});

/** The deep links (/ui/units/{id}, /ui/investigations/{id}...) are the state: back and forward work. */
export const useLocation = (): Location => {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
};

export const Link = ({ to, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) => (
  <a
    {...rest}
    href={`${BASE}${to}`}
    onClick={(e: MouseEvent<HTMLAnchorElement>) => {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(to);
    }}
  />
);
