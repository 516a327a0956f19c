/**
 * The one script bundle of the solution (web resource clar_/scripts/clarity.js), built with esbuild as an IIFE
 * that defines the global `Clarity`: ribbon commands `Clarity.Ribbon.resync` / `Clarity.Ribbon.isSaved`, the
 * form handler `Clarity.Form.onLoad`, and sign-in: MSAL single sign-on by default, `Clarity.Auth.configure`
 * (authority host) and `Clarity.Auth.setTokenProvider` (replace it).
 */
import { onLoad } from './form';
import { isSaved, resync } from './resync';
import { configureSignIn, setTokenProvider } from './token';

export const Ribbon = { resync, isSaved };
export const Form = { onLoad };
export const Auth = { setTokenProvider, configure: configureSignIn };
