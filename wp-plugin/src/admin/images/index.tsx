import { mount } from '../../common/mount';
import { ImagesScreen } from './screen';

mount(<ImagesScreen />);
