// Staff sign-in: username, password and the authenticator's code.
import { login } from './office.js';

login('home.html');
