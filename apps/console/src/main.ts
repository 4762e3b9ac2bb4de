// The console's one page: <tessera-console> does the rest.
import './components/console-app/console-app';
