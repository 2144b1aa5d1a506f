import { installReporting } from '../src/report/hooks';

installReporting();
