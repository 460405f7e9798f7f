// Officer sign-in to the institution panel.
import { login } from './office.js';

login('inquiry.html');
