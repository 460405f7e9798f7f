// Anything the wizard kept for this tab goes with the session.
import { saved } from './common.js';

saved.drop('registration');
