import { configure } from '@testing-library/react';

// The screens render many components; on a busy machine a first render takes seconds, not the
// one second Testing Library waits by default.
configure({ asyncUtilTimeout: 8000 });
