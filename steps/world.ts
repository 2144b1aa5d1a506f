import { installWorld } from '../src/world/install';

installWorld();
