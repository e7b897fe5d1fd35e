import { mount } from '../../common/mount';
import { ContentScreen } from './screen';

mount(<ContentScreen />);
